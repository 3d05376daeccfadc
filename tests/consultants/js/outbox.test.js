// node --test: the outbox deletes an entry only on an acknowledgement carrying its UUID.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const Outbox = require(path.join(__dirname, "../../../consultants/static/consultants/outbox.js"));

function makeOutbox(responses) {
  const sent = [];
  let clock = 0;
  const outbox = Outbox.createOutbox({
    store: Outbox.memoryStore(),
    now: () => ++clock,
    send: async (entry) => {
      sent.push(entry.uuid);
      const next = responses.shift();
      return typeof next === "function" ? next(entry) : next;
    },
  });
  return { outbox, sent };
}
const ack = (status) => (entry) => ({ status: status === "created" ? 201 : 200, body: { uuid: entry.uuid, status } });

test("entries are sent one by one in order and removed after their acknowledgement", async () => {
  const { outbox, sent } = makeOutbox([ack("created"), ack("duplicate")]);
  await outbox.add("a", { school: 1 });
  await outbox.add("b", { school: 2 });
  const result = await outbox.flush();
  assert.equal(result.outcome, "done");
  assert.deepEqual(sent, ["a", "b"]);
  assert.equal((await outbox.entries()).length, 0);
});

test("an acknowledgement for another uuid does not remove the entry", async () => {
  const { outbox } = makeOutbox([{ status: 200, body: { uuid: "zzz", status: "duplicate" } }]);
  await outbox.add("a", {});
  const result = await outbox.flush();
  assert.equal(result.outcome, "login");
  assert.equal((await outbox.waiting()).length, 1);
});

test("a redirect to the login page (or any non-JSON 200) keeps the entry and asks to log in", async () => {
  const { outbox } = makeOutbox([{ status: 0, body: null, redirected: true }, { status: 200, body: null }]);
  await outbox.add("a", {});
  assert.equal((await outbox.flush()).outcome, "login");
  assert.equal((await outbox.flush()).outcome, "login");
  assert.equal((await outbox.waiting()).length, 1);
});

test("401 stops the flush and keeps every entry", async () => {
  const { outbox, sent } = makeOutbox([{ status: 401, body: { status: "login" } }]);
  await outbox.add("a", {});
  await outbox.add("b", {});
  assert.equal((await outbox.flush()).outcome, "login");
  assert.deepEqual(sent, ["a"]);
  assert.equal((await outbox.waiting()).length, 2);
});

test("a network error stops the flush; the entry waits for the next one", async () => {
  const { outbox } = makeOutbox([{ status: 0, network: true }, ack("created")]);
  await outbox.add("a", {});
  assert.equal((await outbox.flush()).outcome, "offline");
  assert.equal((await outbox.waiting()).length, 1);
  assert.equal((await outbox.flush()).outcome, "done");
  assert.equal((await outbox.entries()).length, 0);
});

test("a 409 or 400 marks the entry, keeps it, and goes on with the next", async () => {
  const { outbox, sent } = makeOutbox([
    { status: 409, body: { uuid: "a", status: "conflict", message: "findes allerede" } },
    { status: 400, body: { uuid: "b", status: "invalid", message: "afvist", errors: { date: ["fremtiden"] } } },
    ack("created"),
  ]);
  await outbox.add("a", {});
  await outbox.add("b", {});
  await outbox.add("c", {});
  assert.equal((await outbox.flush()).outcome, "done");
  assert.deepEqual(sent, ["a", "b", "c"]);
  const left = await outbox.entries();
  assert.deepEqual(left.map((e) => [e.uuid, e.state]), [["a", "conflict"], ["b", "invalid"]]);
  assert.deepEqual(left[1].errors, { date: ["fremtiden"] });
  // a rejected entry is not sent again until the consultant acts on it
  assert.equal((await outbox.flush()).outcome, "done");
  assert.deepEqual(sent, ["a", "b", "c"]);
  await outbox.discard("a");
  assert.equal((await outbox.entries()).length, 1);
});

test("an update acknowledged as updated is removed like a created one", async () => {
  const { outbox } = makeOutbox([ack("updated")]);
  await outbox.add("a", { version: 3 });
  assert.equal((await outbox.flush()).outcome, "done");
  assert.equal((await outbox.entries()).length, 0);
});

test("an update refused with 409 keeps the entry with the server's message and version", async () => {
  const { outbox, sent } = makeOutbox([
    { status: 409, body: { uuid: "a", status: "conflict", message: "Aktiviteten er ændret af en anden", version: 5 } },
  ]);
  await outbox.add("a", { version: 3 });
  assert.equal((await outbox.flush()).outcome, "done");
  const [entry] = await outbox.entries();
  assert.equal(entry.state, "conflict");
  assert.equal(entry.message, "Aktiviteten er ændret af en anden");
  assert.equal(entry.serverVersion, 5);
  assert.equal(entry.payload.version, 3); // the consultant's own edit is still there
  // not sent again by itself: the consultant decides
  await outbox.flush();
  assert.deepEqual(sent, ["a"]);
});

test("a 413 (too large) marks the entry invalid instead of retrying it forever", async () => {
  const { outbox, sent } = makeOutbox([
    { status: 413, body: { uuid: null, status: "too_large", message: "Indholdet er for stort." } },
  ]);
  await outbox.add("a", {});
  assert.equal((await outbox.flush()).outcome, "done");
  const [entry] = await outbox.entries();
  assert.deepEqual([entry.state, entry.message], ["invalid", "Indholdet er for stort."]);
  assert.equal((await outbox.flush()).outcome, "done");
  assert.deepEqual(sent, ["a"]);
});

test("two flushes at once send each entry once", async () => {
  const { outbox, sent } = makeOutbox([ack("created")]);
  await outbox.add("a", {});
  await Promise.all([outbox.flush(), outbox.flush()]);
  assert.deepEqual(sent, ["a"]);
});

test("the change callback reports how many wait", async () => {
  const states = [];
  const outbox = Outbox.createOutbox({
    store: Outbox.memoryStore(),
    send: async (entry) => ({ status: 201, body: { uuid: entry.uuid, status: "created" } }),
    onChange: (state) => states.push(state.waiting),
  });
  await outbox.add("a", {});
  await outbox.add("b", {});
  await outbox.flush();
  assert.deepEqual(states, [1, 2, 1, 0]);
});

test("the sender posts JSON with the CSRF header and never follows a redirect", async () => {
  let seen = null;
  const send = Outbox.fetchSender({
    url: "/konsulenter/sync/",
    csrfToken: () => "tok",
    fetch: async (url, init) => {
      seen = { url, init };
      return { status: 201, type: "basic", json: async () => ({ uuid: "a", status: "created" }) };
    },
  });
  const result = await send({ uuid: "a", payload: { uuid: "a", school: 1 } });
  assert.equal(seen.init.headers["X-CSRFToken"], "tok");
  assert.equal(seen.init.redirect, "manual");
  assert.deepEqual(JSON.parse(seen.init.body), { uuid: "a", school: 1 });
  assert.equal(result.status, 201);
  const redirected = Outbox.fetchSender({
    url: "/x", csrfToken: () => "",
    fetch: async () => ({ status: 0, type: "opaqueredirect", json: async () => { throw new Error("no body"); } }),
  });
  assert.deepEqual(await redirected({ uuid: "a", payload: {} }), { status: 0, body: null, redirected: true });
  const offline = Outbox.fetchSender({ url: "/x", csrfToken: () => "", fetch: async () => { throw new TypeError("offline"); } });
  assert.equal((await offline({ uuid: "a", payload: {} })).network, true);
});

test("the csrf cookie is read from document.cookie", () => {
  assert.equal(Outbox.readCookie("a=1; csrftoken=abc%3D; b=2", "csrftoken"), "abc=");
  assert.equal(Outbox.readCookie("", "csrftoken"), "");
});

test("one draft cannot be open in two tabs; a closed tab's lock goes stale", () => {
  const data = new Map();
  const storage = {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, v),
    removeItem: (k) => data.delete(k),
  };
  let now = 1000;
  const first = Outbox.createDraftLock({ storage, tabId: "t1", now: () => now });
  const second = Outbox.createDraftLock({ storage, tabId: "t2", now: () => now });
  assert.equal(first.tryAcquire(), true);
  assert.equal(second.tryAcquire(), false);
  now += 2000;
  assert.equal(first.heartbeat(), true);
  assert.equal(second.tryAcquire(), false);
  first.release();
  assert.equal(second.tryAcquire(), true);
  assert.equal(first.tryAcquire(), false);
  now += 6000; // the second tab died without releasing
  assert.equal(first.tryAcquire(), true);
  assert.equal(second.heartbeat(), false);
});
