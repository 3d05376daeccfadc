// The conference admin's event page: the public sign-up link is selected in one tap, ready to
// copy, and the «Kopiér» button copies it where the browser allows.
(function () {
  "use strict";
  var input = document.getElementById("public-url");
  if (!input) { return; }
  input.addEventListener("focus", function () { input.select(); });
  var button = document.querySelector(".js-copy-public-url");
  if (!button || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(input.value).then(function () {
      var status = document.getElementById("public-url-status");
      if (status) { status.textContent = button.dataset.copied; }
    });
  });
})();
