// Trivselsportalen: small behaviours without inline scripts (a strict CSP forbids them).
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
    el.form.submit();
  }
});
// A form sent back with errors: its summary at the top takes the focus (screen readers read it,
// a phone scrolls to it); each entry links to its field.
{
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) {
    summary.focus();
  }
}
// A confirm step for buttons marked data-confirm (delete, deactivate ...).
document.addEventListener("click", (event) => {
  const el = event.target.closest("[data-confirm]");
  if (el && !window.confirm(el.dataset.confirm)) {
    event.preventDefault();
  }
});
// htmx: send the CSRF token with every request.
document.body.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) {
    event.detail.headers["X-CSRFToken"] = token.value;
  }
});
