// The plain-JS peer's worker: sleeps as asked (setTimeout), then says so. The time
// it finished is on the shared clock, so the page can tell how late the news came.
self.onmessage = ({ data: { id, ms } }) => {
  const done = () => postMessage({ id, finishedAt: performance.timeOrigin + performance.now() });
  if (ms > 0) setTimeout(done, ms);
  else done();
};
