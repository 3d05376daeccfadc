// The consultants' service worker, served at /sw.js (scope "/") by consultants.views.service_worker,
// which fills in the app shell's URLs and a version. It keeps the app shell and the quick-entry
// form so the form opens without a connection. It caches nothing else: pages with records
// (observations are sensitive) always come from the network. Entries themselves wait in the
// page's IndexedDB outbox, not here.
"use strict";

const VERSION = "__VERSION__";
const CACHE = "konsulenter-" + VERSION;
const APP_SHELL = __APP_SHELL__;
const FORM_URL = APP_SHELL[0];
const STATIC = APP_SHELL.slice(1);

async function cacheForm(cache) {
  // only a real form page (a logged-out fetch is redirected to the login page: not cached)
  try {
    const response = await fetch(FORM_URL, { credentials: "same-origin" });
    if (response.ok && !response.redirected) await cache.put(FORM_URL, response);
  } catch (error) { /* offline while installing: the page caches itself on its next visit */ }
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(STATIC);
    await cacheForm(cache);
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((n) => n.startsWith("konsulenter-") && n !== CACHE)
      .map((n) => caches.delete(n)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate" && url.pathname === FORM_URL) {
    // network first; the cached form when offline
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok && !response.redirected) {
          await cache.put(FORM_URL, response.clone());
        } else if (response.redirected) {
          await cache.delete(FORM_URL); // logged out: forget the user's form
        }
        return response;
      } catch (error) {
        const cached = await cache.match(FORM_URL);
        return cached || Response.error();
      }
    })());
    return;
  }

  if (STATIC.includes(url.pathname)) {
    // the shell's static files: cache first (their URLs change when they do)
    event.respondWith((async () => {
      const cache = await caches.open(CACHE);
      const cached = await cache.match(url.pathname);
      if (cached) return cached;
      const response = await fetch(request);
      if (response.ok) await cache.put(url.pathname, response.clone());
      return response;
    })());
  }
});
