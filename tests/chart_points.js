() => {
  // index of the first point drawn for a record (estimates or admissions), not for a decoration
  const paths = [...document.querySelectorAll('[data-testid=stPlotlyChart] .scatterlayer .trace .points path')];
  return paths.findIndex(p => {
    const d = p.parentNode && p.parentNode.parentNode && p.parentNode.parentNode.__data__;
    const meta = d && d[0] && d[0].trace && d[0].trace.meta;
    return meta && meta.role === 'estimates';
  });
}
