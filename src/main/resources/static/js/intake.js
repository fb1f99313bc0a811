// The intake page: the emergency question shows only when the emergency scenario is chosen.
// Without JavaScript the question stays visible and the server still checks it.
(function () {
  'use strict';
  var reason = document.getElementById('emergency-reason-field');
  var choices = document.querySelectorAll('input[name="scenario"]');
  if (!reason || choices.length === 0) {
    return;
  }
  function update() {
    var chosen = document.querySelector('input[name="scenario"]:checked');
    reason.hidden = !(chosen && chosen.value === 'EMERGENCY') && !reason.classList.contains('invalid');
  }
  choices.forEach(function (choice) {
    choice.addEventListener('change', update);
  });
  update();
}());
