// A run's page while its run is queued or running: the run's state read again every 3 s (the
// page's own JSON, /api/runs/ID) and shown in place (a status region, announced politely); once the
// run is done, the page's main part is replaced by the new one (its reports, the apply button). No
// reload and no meta refresh while someone reads (WCAG 2.2.1); without script, <noscript> reloads.
// The state is read from data-state (the stored word) and shown in the page's language (the words
// for queued and running are on the element: data-queued, data-running).
(() => {
  const status = document.getElementById("status");
  const run = status && status.dataset.run;
  const waiting = (state) => state === "queued" || state === "running";
  if (!run || !waiting(status.dataset.state)) return;
  const poll = async () => {
    const answer = await fetch(`/api/runs/${encodeURIComponent(run)}`, {headers: {Accept: "application/json"}});
    const state = answer.ok ? await answer.json() : null;
    if (state && waiting(state.status)) {
      status.dataset.state = state.status;
      status.textContent = status.dataset[state.status] || state.status;
      setTimeout(poll, 3000);
      return;
    }
    const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), "text/html");
    document.querySelector("main").replaceWith(page.querySelector("main"));
  };
  setTimeout(poll, 3000);
})();
