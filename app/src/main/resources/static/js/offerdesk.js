// Console behaviour that would otherwise be inline script (the Content-Security-Policy allows none):
// a form with data-confirm="question" asks the question before it is submitted.
document.addEventListener('submit', function (event) {
  var question = event.target.getAttribute && event.target.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
