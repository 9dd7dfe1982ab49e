// The buyer's offer page says it was seen once it is shown to a person in a browser. Opening the link
// itself changes nothing, so mail scanners and link previews do not mark an offer viewed.
(function () {
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.getAttribute('content') : null;
  }

  var sent = false;

  function recordView() {
    var url = document.body.getAttribute('data-viewed-url');
    if (sent || !url || document.visibilityState !== 'visible') {
      return;
    }
    sent = true;
    var headers = {};
    var header = meta('_csrf_header');
    if (header) {
      headers[header] = meta('_csrf');
    }
    fetch(url, {method: 'POST', headers: headers, credentials: 'same-origin', keepalive: true});
  }

  document.addEventListener('DOMContentLoaded', recordView);
  document.addEventListener('visibilitychange', recordView);
})();
