/* The portal's service worker, served at /sw.js so its scope is the whole site.
   Pages a reader has opened stay readable offline: a page is fetched from the network
   first and its copy kept; when the network fails the kept copy is shown, marked with
   the date it was kept (offline.js shows the notice). Stylesheets and scripts are kept
   too. Personal pages (Cache-Control: private or no-store) are never kept. A page never
   opened is answered, offline, with the portal's offline page in its language
   (/<lang>/offline/), kept the first time a page in that language is opened. */
"use strict";

const STORE = "portal-offline-v1";
const LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh-hans"];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/admin/")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request));
    event.waitUntil(keepFallback(url).catch(() => {}));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(networkFirst(request, false));
  }
});

function keepable(response) {
  const policy = (response.headers.get("Cache-Control") || "").toLowerCase();
  return response.ok && !policy.includes("private") && !policy.includes("no-store");
}

async function networkFirst(request, page = true) {
  const store = await caches.open(STORE);
  try {
    const response = await fetch(request);
    if (keepable(response)) {
      const headers = new Headers(response.headers);
      headers.set("X-Offline-Copy", new Date().toISOString());
      const body = await response.clone().arrayBuffer();
      await store.put(request, new Response(body, { status: 200, headers: headers }));
    }
    return response;
  } catch (error) {
    const kept = await store.match(request);
    if (!kept && page) {
      const fallback = await store.match(fallbackFor(new URL(request.url)));
      if (fallback) return fallback;
    }
    if (!kept) throw error;
    if (!page) return kept;
    const headers = new Headers(kept.headers);
    headers.delete("Content-Length");
    const date = kept.headers.get("X-Offline-Copy") || "";
    const html = (await kept.text()).replace(
      "</head>",
      `<meta name="offline-copy" content="${date}"></head>`
    );
    return new Response(html, { status: 200, headers: headers });
  }
}

function fallbackFor(url) {
  const first = url.pathname.split("/")[1];
  return `/${LANGUAGES.includes(first) ? first : "en"}/offline/`;
}

async function keepFallback(url) {
  const address = fallbackFor(url);
  const store = await caches.open(STORE);
  if (await store.match(address)) return;
  const response = await fetch(address);
  if (keepable(response)) await store.put(address, response);
}
