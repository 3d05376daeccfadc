// The consultants' offline outbox: entries wait in IndexedDB and are sent one by one when the
// connection is back. An entry is deleted ONLY on an acknowledgement that carries its UUID (201
// created / 200 duplicate or updated). A 409 (the UUID is known with other content, or an update
// was made from an older version than the server's) keeps it, with the server's message and
// version, until the consultant discards it. A redirect (an expired session sent to the login page), a 401, a
// CSRF 403, a 5xx or a network error keep it. No DOM here: the store and the sender are injected,
// so `node --test` runs this file as it is (tests/consultants/js/).
(function (root, factory) {
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.ConsultantOutbox = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  const DB_NAME = "trivsel-konsulenter";
  const STORE = "outbox";

  // --- stores: put(entry), all() (oldest first), get(uuid), delete(uuid) ---------------------
  function memoryStore() {
    const rows = new Map();
    return {
      async put(entry) { rows.set(entry.uuid, JSON.parse(JSON.stringify(entry))); },
      async get(uuid) { return rows.has(uuid) ? JSON.parse(JSON.stringify(rows.get(uuid))) : undefined; },
      async all() {
        return Array.from(rows.values())
          .map((e) => JSON.parse(JSON.stringify(e)))
          .sort((a, b) => a.queuedAt - b.queuedAt);
      },
      async delete(uuid) { rows.delete(uuid); },
    };
  }

  function idbStore(indexedDB) {
    let opened = null;
    function open() {
      if (!opened) {
        opened = new Promise((resolve, reject) => {
          const request = indexedDB.open(DB_NAME, 1);
          request.onupgradeneeded = () => {
            request.result.createObjectStore(STORE, { keyPath: "uuid" });
          };
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      return opened;
    }
    function run(mode, work) {
      return open().then((db) => new Promise((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const result = work(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }));
    }
    return {
      put: (entry) => run("readwrite", (s) => { s.put(entry); }),
      get: (uuid) => run("readonly", (s) => s.get(uuid)),
      all: () => run("readonly", (s) => s.getAll()).then((rows) =>
        (rows || []).sort((a, b) => a.queuedAt - b.queuedAt)),
      delete: (uuid) => run("readwrite", (s) => { s.delete(uuid); }),
    };
  }

  // --- the sender: POST JSON, CSRF in a header, never follow a redirect ------------------------
  function readCookie(cookieString, name) {
    const found = (cookieString || "").split(";").map((c) => c.trim())
      .find((c) => c.startsWith(name + "="));
    return found ? decodeURIComponent(found.slice(name.length + 1)) : "";
  }

  function fetchSender(options) {
    const fetchImpl = options.fetch;
    return async function send(entry) {
      let response;
      try {
        response = await fetchImpl(options.url, {
          method: "POST",
          credentials: "same-origin",
          redirect: "manual", // a redirect to the login page must never look like success
          headers: {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "X-CSRFToken": options.csrfToken(),
            "X-Requested-With": "XMLHttpRequest",
          },
          body: JSON.stringify(entry.payload),
        });
      } catch (error) {
        return { status: 0, body: null, network: true };
      }
      let body = null;
      try {
        body = await response.json();
      } catch (error) {
        body = null;
      }
      return { status: response.status, body: body, redirected: response.type === "opaqueredirect" };
    };
  }

  // --- the outbox --------------------------------------------------------------------------------
  // flush() outcomes: "done" (nothing left to try), "offline", "login", "forbidden", "error".
  function createOutbox(options) {
    const store = options.store;
    const send = options.send;
    const onChange = options.onChange || function () {};
    const now = options.now || (() => Date.now());
    let flushing = null;

    async function add(uuid, payload) {
      const existing = await store.get(uuid);
      const entry = {
        uuid: uuid,
        payload: Object.assign({}, payload, { uuid: uuid }),
        queuedAt: existing ? existing.queuedAt : now(),
        state: "waiting",
        message: "",
        errors: null,
      };
      await store.put(entry);
      await notify();
      return entry;
    }

    async function entries() { return store.all(); }

    async function waiting() {
      return (await store.all()).filter((e) => e.state === "waiting");
    }

    async function discard(uuid) {
      await store.delete(uuid);
      await notify();
    }

    async function notify() {
      const all = await store.all();
      onChange({
        waiting: all.filter((e) => e.state === "waiting").length,
        rejected: all.filter((e) => e.state !== "waiting"),
        total: all.length,
      });
    }

    function acknowledged(entry, result) {
      return (result.status === 200 || result.status === 201 || result.status === 202)
        && !result.redirected
        && result.body !== null && typeof result.body === "object"
        && result.body.uuid === entry.uuid
        && ["created", "duplicate", "updated"].includes(result.body.status);
    }

    async function flushOnce() {
      const queue = await waiting();
      const sent = [];
      for (const entry of queue) {
        const result = await send(entry);
        if (acknowledged(entry, result)) {
          await store.delete(entry.uuid);
          sent.push({ uuid: entry.uuid, status: result.body.status, url: result.body.url });
          await notify();
          continue;
        }
        if (result.network || result.status === 0 && !result.redirected) {
          return { outcome: "offline", sent: sent };
        }
        if (result.status === 401 || result.redirected || (result.status >= 200 && result.status < 400)) {
          // expired session (or anything that is not an acknowledgement): keep it, ask to log in
          return { outcome: "login", sent: sent };
        }
        if (result.status === 403) {
          return { outcome: "forbidden", sent: sent };
        }
        // 413: too large to be accepted ever; like 400 it waits for the consultant to act
        if (result.status === 409 || result.status === 400 || result.status === 413) {
          entry.state = result.status === 409 ? "conflict" : "invalid";
          entry.message = (result.body && result.body.message) || "";
          entry.errors = (result.body && result.body.errors) || null;
          if (result.status === 409 && result.body && Number.isInteger(result.body.version)) {
            entry.serverVersion = result.body.version; // what the activity is at on the server
          }
          await store.put(entry);
          await notify();
          continue; // the next entry may well be fine
        }
        return { outcome: "error", sent: sent }; // 5xx and the like: try again later
      }
      return { outcome: "done", sent: sent };
    }

    function flush() {
      // one flush at a time: a second caller waits for the running one
      if (!flushing) {
        flushing = flushOnce().finally(() => { flushing = null; });
      }
      return flushing;
    }

    return { add: add, entries: entries, waiting: waiting, discard: discard, flush: flush, notify: notify };
  }

  // --- one draft, one tab: a lock in localStorage with a heartbeat ---------------------------------
  function createDraftLock(options) {
    const storage = options.storage;
    const key = options.key || "konsulenter.kladde.laas";
    const tabId = options.tabId;
    const now = options.now || (() => Date.now());
    const staleAfter = options.staleAfter || 5000;

    function read() {
      try {
        return JSON.parse(storage.getItem(key) || "null");
      } catch (error) {
        return null;
      }
    }
    function holder() {
      const lock = read();
      if (!lock || now() - lock.at > staleAfter) return null;
      return lock.tab;
    }
    return {
      tryAcquire() {
        const current = holder();
        if (current && current !== tabId) return false;
        storage.setItem(key, JSON.stringify({ tab: tabId, at: now() }));
        return read().tab === tabId;
      },
      heartbeat() {
        const current = holder();
        if (current && current !== tabId) return false;
        storage.setItem(key, JSON.stringify({ tab: tabId, at: now() }));
        return true;
      },
      release() {
        if (holder() === tabId) storage.removeItem(key);
      },
      holder: holder,
    };
  }

  return {
    memoryStore: memoryStore,
    idbStore: idbStore,
    fetchSender: fetchSender,
    readCookie: readCookie,
    createOutbox: createOutbox,
    createDraftLock: createDraftLock,
  };
});
