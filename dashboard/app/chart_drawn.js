// Mounted on a session's first run only, right after the timeline chart. Once the browser has
// drawn the chart, it reruns the app, which then draws the rest of the page. This keeps the
// rest of the page from competing with the chart for the browser while the chart loads.
// It fires once, and after 10 s whatever happens, so the page always completes.
// It also reports the size of the link the page was opened with: Streamlit drops a query string
// with too many parameters before the app sees it, and the app must say it ignored the link.
export default function ({ setTriggerValue }) {
  let fired = false;
  const opened = performance.getEntriesByType("navigation")[0]; // the URL as opened, before any rewrite
  const query = new URL(opened ? opened.name : window.location.href).search.replace(/^\?/, "");
  const link = { fields: query ? query.split("&").length : 0, chars: query.length };
  const fire = () => {
    if (!fired) {
      fired = true;
      setTriggerValue("drawn", link);
    }
  };
  const fallback = setTimeout(fire, 10000);
  const poll = () => {
    if (fired) return;
    if (document.querySelector("[data-testid=stPlotlyChart] .js-plotly-plot .main-svg")) {
      requestAnimationFrame(() => setTimeout(fire, 0)); // after the frame that paints it
    } else {
      requestAnimationFrame(poll);
    }
  };
  poll();
  return () => clearTimeout(fallback);
}
