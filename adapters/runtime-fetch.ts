/**
 * The global fetch as a plain function that works alike on Node and Workers: Workers throw
 * "Illegal invocation" when a client calls it as its own method, and reject `redirect: "error"`
 * (the Slack client's choice), which is emulated here with a manual redirect that fails.
 */
export const runtimeFetch: typeof fetch = async (input, init) => {
  if (init?.redirect !== "error") return fetch(input, init);
  const res = await fetch(input, { ...init, redirect: "manual" });
  if (res.status >= 300 && res.status < 400 && res.headers.has("location")) {
    throw new TypeError("fetch failed: the server answered with a redirect");
  }
  return res;
};
