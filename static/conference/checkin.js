// Check-in at the door: filter as you type. The tap itself is htmx (the row is swapped, the live
// region says who was checked in, with «Fortryd»), so the search text and the scroll position
// stay; without JavaScript the search is a plain GET form and the page returns to the row.
(function () {
  "use strict";
  var search = document.querySelector(".js-checkin-search");
  if (!search) { return; }
  function filter() {
    var q = search.value.trim().toLowerCase();
    document.querySelectorAll(".js-checkin-list > li").forEach(function (li) {
      li.classList.toggle("d-none", q !== "" && li.dataset.name.indexOf(q) === -1);
    });
  }
  search.addEventListener("input", filter);
  filter();
  // the tapped button is replaced with the row: keep keyboard focus in that row, not on <body>
  var swapped = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    swapped = target && target.id && target.id.indexOf("b-") === 0 ? target.id : null;
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    var row = swapped && document.getElementById(swapped);
    var button = row && row.querySelector("button");
    if (button) { button.focus({ preventScroll: true }); }
    swapped = null;
  });
})();
