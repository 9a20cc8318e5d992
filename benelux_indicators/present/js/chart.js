/* One chart of a page, the same in the static export and in Voilà: drawn when it comes
   near the screen (a theme page has up to eight), with a button that saves it as an image
   carrying what the page shows around it (title, sources, dates). Needs window.Plotly. */
(function () {
  if (window.bnlChart) return;
  function whenNear(el, draw) {
    if (!window.IntersectionObserver) return draw();
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); draw(); }
    }, {rootMargin: '300px'});
    seen.observe(el);
  }
  // The layout of the saved image: the chart's own, with the title and, under it, the
  // sources and dates (plotly titles do not wrap, so the caller breaks long lines).
  window.bnlImageLayout = function (layout, image) {
    return Object.assign({}, layout, {
      title: {text: image.title, x: 0.012, xanchor: 'left', font: {size: 18},
              subtitle: {text: image.caption, font: {size: 11, color: '#444'}}},
      margin: {l: 70, r: 30, t: 110, b: 60}, width: 1100, height: 640, autosize: false});
  };
  window.bnlChart = function (el, figure, config, image) {
    var plot = document.createElement('div');
    plot.className = 'bnl-plot';
    plot.style.minHeight = ((figure.layout && figure.layout.height) || 360) + 'px';
    plot.bnlImage = image;
    var save = document.createElement('button');
    save.type = 'button';
    save.className = 'bnl-save';
    save.textContent = image.label;
    save.addEventListener('click', function () {
      Plotly.toImage({data: plot.data, layout: window.bnlImageLayout(plot.layout, plot.bnlImage), config: config},
                     {format: 'png', width: 1100, height: 640}).then(function (url) {
        var a = document.createElement('a');
        a.href = url;
        a.download = image.filename;
        document.body.appendChild(a);
        a.click();
        a.remove();
      });
    });
    el.appendChild(plot);
    el.appendChild(save);
    whenNear(plot, function () { Plotly.newPlot(plot, figure.data, figure.layout, config); });
    return plot;
  };
})();
