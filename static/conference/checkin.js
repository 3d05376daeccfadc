// Check-in at the door: filter as you type, one tap checks in without reloading the page.
(function () {
  "use strict";
  var search = document.querySelector(".js-checkin-search");
  var items = document.querySelectorAll(".js-checkin-list > li");
  if (search) {
    search.addEventListener("input", function () {
      var q = search.value.trim().toLowerCase();
      items.forEach(function (li) {
        li.classList.toggle("d-none", q !== "" && li.dataset.name.indexOf(q) === -1);
      });
    });
  }
  document.querySelectorAll(".js-checkin-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (!data.ok) { button.disabled = false; window.alert(data.message); return; }
          var badge = document.createElement("span");
          badge.className = "badge text-bg-success";
          badge.textContent = button.textContent.trim().split(" ")[0] === "Tjek" ? "Tjekket ind" : "✓";
          form.replaceWith(badge);
          var count = document.querySelector(".js-checkin-count");
          if (count) { count.textContent = String(parseInt(count.textContent, 10) + 1); }
          if (search) { search.value = ""; search.dispatchEvent(new Event("input")); search.focus(); }
        })
        .catch(function () { form.submit(); });
    });
  });
})();
