// The partner offer form: as the markup is typed, each dimension's buyer price (wholesale plus markup) and the
// reseller's margin, rounded to cents as OfferDesk stores them. Worked out in cents so 0.1 + 0.2 stays 0.30.
(function () {
  function cents(text) {
    var parts = String(text).split('.');
    var fraction = ((parts[1] || '') + '000').substring(0, 3);
    var value = Number(parts[0]) * 1000 + (parts[0].charAt(0) === '-' ? -1 : 1) * Number(fraction);
    return Math.round(value / 10);
  }
  function show(amountInCents, currency) {
    var negative = amountInCents < 0;
    var abs = Math.abs(amountInCents);
    var whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    var fraction = String(abs % 100).padStart(2, '0');
    return (negative ? '-' : '') + whole + '.' + fraction + ' ' + currency;
  }
  function update() {
    var markup = document.getElementById('markupPercent');
    var table = document.querySelector('[data-testid=partner-prices]');
    if (!markup || !table) {
      return;
    }
    var percent = Number(markup.value.trim());
    var valid = markup.value.trim() !== '' && isFinite(percent) && percent >= 0;
    var currency = table.getAttribute('data-currency') || '';
    table.querySelectorAll('tr[data-wholesale]').forEach(function (row) {
      var wholesale = cents(row.getAttribute('data-wholesale'));
      var buyer = valid ? Math.round(wholesale * (100 + percent) / 100) : null;
      row.querySelector('[data-role=buyer-price]').textContent = valid ? show(buyer, currency) : '—';
      row.querySelector('[data-role=margin]').textContent = valid ? show(buyer - wholesale, currency) : '—';
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    var markup = document.getElementById('markupPercent');
    if (markup) {
      markup.addEventListener('input', update);
      update();
    }
  });
})();
