// Voilà: the chart widget loads plotly.js (and plotly's locale) once per page from the
// benelux template's static folder, instead of each chart carrying its own 5 MB copy.
function load(src) {
  var loads = window.bnlLoads = window.bnlLoads || {};
  return loads[src] = loads[src] || new Promise(function (ok, fail) {
    var s = document.createElement('script');
    s.src = src;
    s.onload = ok;
    s.onerror = function () { fail(new Error('could not load ' + src)); };
    document.head.appendChild(s);
  });
}
function folder() {
  var config = document.getElementById('jupyter-config-data');
  var base = config ? JSON.parse(config.textContent).baseUrl : '/';
  return base + 'voila/templates/benelux/static/';
}
export default {
  async render({ model, el }) {
    await load(folder() + model.get('script'));
    if (model.get('locale_script')) await load(folder() + model.get('locale_script'));
    window.bnlChart(el, model.get('figure'), model.get('config'), model.get('image'));
  }
};
