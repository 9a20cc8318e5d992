// The language switch of a Voilà page: real buttons that say which one is pressed (and keep
// the focus when pressed); the page's lang and title follow the chosen language.
export default {
  render({ model, el }) {
    var group = document.createElement('div');
    group.className = 'bnl-switch';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-label', model.get('label'));
    var buttons = model.get('options').map(function (option) {
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = option[0];
      b.lang = option[1];
      b.addEventListener('click', function () { model.set('value', option[1]); model.save_changes(); });
      group.appendChild(b);
      return b;
    });
    function update() {
      var value = model.get('value');
      buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.lang === value)); });
      document.documentElement.lang = value;
      if (model.get('titles')[value]) document.title = model.get('titles')[value];
    }
    model.on('change:value', update);
    update();
    el.appendChild(group);
  }
};
