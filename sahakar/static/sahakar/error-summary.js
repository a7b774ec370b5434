// After a refused save, focus moves to the error summary at the top of the form, whose
// links lead to each wrong field (core/error_summary.html). No inline script (CSP).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
