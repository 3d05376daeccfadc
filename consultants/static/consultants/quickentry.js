// The tablet quick-entry form: classes filtered by school, a draft kept while typing (one tab at a
// time), entries put in the offline outbox and sent when there is a connection, «N venter».
// Without JavaScript (or IndexedDB) the form posts to the server as an ordinary form.
(function () {
  "use strict";
  const Outbox = window.ConsultantOutbox;
  const form = document.getElementById("quick-entry");
  if (!form || !Outbox) return;

  const DRAFT_KEY = "konsulenter.kladde";
  const $ = (id) => document.getElementById(id);
  const show = (el, yes) => { if (el) el.classList.toggle("d-none", !yes); };
  const newUuid = () => (window.crypto && crypto.randomUUID)
    ? crypto.randomUUID()
    : "10000000-1000-4000-8000-100000000000".replace(/[018]/g, (c) =>
      (c ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (c / 4)))).toString(16));
  const field = (name) => form.elements.namedItem(name);
  const serverErrors = form.querySelector(".invalid-feedback") !== null
    || document.querySelector(".alert-danger:not(.d-none)") !== null;

  // --- service worker: the app shell and this form work offline --------------------------------
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }

  // --- classes filtered by the chosen school (data in the page, so it works offline) ----------
  let classes = {};
  try {
    classes = JSON.parse(($("classes-by-school") || {}).textContent || "{}");
  } catch (error) {
    classes = {};
  }
  const school = field("school");
  const klass = field("school_class");
  function fillClasses() {
    if (!school || !klass) return;
    const keep = klass.value;
    const emptyOption = klass.options[0] && klass.options[0].value === "" ? klass.options[0] : null;
    klass.replaceChildren(...(emptyOption ? [emptyOption] : []));
    for (const c of classes[school.value] || []) {
      const option = document.createElement("option");
      option.value = String(c.id);
      option.textContent = c.label;
      if (String(c.id) === keep) option.selected = true;
      klass.appendChild(option);
    }
  }
  if (school) school.addEventListener("change", fillClasses);

  // --- the draft: kept while typing, restored on reload, one tab at a time ----------------------
  function readForm() {
    const data = {};
    for (const el of form.elements) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit" || el.type === "button") continue;
      if (el.type === "checkbox" && (el.name === "participants" || el.name === "tags")) {
        data[el.name] = data[el.name] || [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.type === "checkbox") {
        data[el.name] = el.checked;
      } else if (el.type === "radio") {
        if (el.checked) data[el.name] = el.value;
      } else {
        data[el.name] = el.value;
      }
    }
    return data;
  }
  function writeForm(data) {
    for (const el of form.elements) {
      if (!el.name || !(el.name in data) || el.name === "csrfmiddlewaretoken") continue;
      const value = data[el.name];
      if (el.type === "checkbox" && Array.isArray(value)) el.checked = value.includes(el.value);
      else if (el.type === "checkbox") el.checked = Boolean(value);
      else if (el.type === "radio") el.checked = el.value === value;
      else if (el.name !== "school_class") el.value = value;
    }
    fillClasses();
    if (klass && "school_class" in data) klass.value = data.school_class;
  }
  function saveDraft() {
    if (locked) return;
    try {
      localStorage.setItem(DRAFT_KEY, JSON.stringify({ fields: readForm(), savedAt: Date.now() }));
    } catch (error) { /* private mode or full: the form still works */ }
  }
  function loadDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(DRAFT_KEY) || "null");
      return draft && draft.fields ? draft.fields : null;
    } catch (error) {
      return null;
    }
  }
  let timer = null;
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(saveDraft, 300); });
  form.addEventListener("change", saveDraft);

  const tabId = newUuid();
  const lock = Outbox.createDraftLock({ storage: window.localStorage, tabId: tabId });
  let locked = false;
  function setLocked(yes) {
    locked = yes;
    form.classList.toggle("is-locked", yes);
    form.setAttribute("aria-disabled", yes ? "true" : "false");
    show($("draft-locked"), yes);
  }
  function takeDraft() {
    if (!serverErrors) {
      const draft = loadDraft();
      if (draft) writeForm(draft);
    }
    fillClasses();
  }
  if (lock.tryAcquire()) {
    takeDraft();
  } else {
    setLocked(true);
  }
  setInterval(() => {
    if (locked) {
      if (lock.tryAcquire()) { setLocked(false); takeDraft(); }
    } else if (!lock.heartbeat()) {
      setLocked(true);
    }
  }, 2000);
  window.addEventListener("pagehide", () => lock.release());

  // --- the outbox ---------------------------------------------------------------------------------
  const countEl = $("outbox-count");
  function render(state) {
    if (countEl) {
      countEl.textContent = (countEl.dataset.template || "{n}").replace("{n}", String(state.waiting));
      show(countEl, state.waiting > 0);
    }
    const list = $("outbox-problem-list");
    if (list) {
      list.replaceChildren();
      for (const entry of state.rejected) {
        const li = document.createElement("li");
        const when = entry.payload.date || "";
        li.textContent = when + ": " + (entry.message || "") + " ";
        const details = entry.errors ? Object.values(entry.errors).flat().join(" ") : "";
        if (details) li.textContent += details + " ";
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-sm btn-outline-danger";
        button.textContent = form.dataset.discardText || "Kassér";
        button.addEventListener("click", () => outbox.discard(entry.uuid));
        li.appendChild(button);
        list.appendChild(li);
      }
    }
    show($("outbox-problems"), state.rejected.length > 0);
  }
  let store;
  try {
    store = window.indexedDB ? Outbox.idbStore(window.indexedDB) : null;
  } catch (error) {
    store = null;
  }
  if (!store) return; // no IndexedDB: the ordinary form post is the way
  const csrfInput = form.querySelector("input[name=csrfmiddlewaretoken]");
  const outbox = Outbox.createOutbox({
    store: store,
    onChange: render,
    send: Outbox.fetchSender({
      url: form.dataset.syncUrl,
      fetch: window.fetch.bind(window),
      // the cookie is fresher than a page served from the offline cache
      csrfToken: () => Outbox.readCookie(document.cookie, "csrftoken") || (csrfInput ? csrfInput.value : ""),
    }),
  });

  function onlineBadges() {
    document.querySelectorAll("[data-online-state]").forEach((el) => {
      show(el, (el.dataset.onlineState === "online") === navigator.onLine);
    });
  }
  async function flush() {
    onlineBadges();
    const result = await outbox.flush();
    await outbox.notify(); // the store is shared by the tabs: another may have sent what waited
    show($("login-needed"), result.outcome === "login" || result.outcome === "forbidden");
    if (result.sent.length) {
      const saved = $("outbox-saved");
      if (saved) {
        saved.textContent = form.dataset.sentText || "";
        show(saved, true);
      }
    }
    return result;
  }

  function payloadOf(data) {
    const number = (v) => (v === "" || v === undefined || v === null ? null : Number(v));
    const payload = {
      school: number(data.school),
      school_class: number(data.school_class),
      date: data.date || "",
      start_time: data.start_time || null,
      duration_minutes: number(data.duration_minutes),
      kind: data.kind || "",
      status: data.status || "",
      participants: data.participants || [],
      observation: data.observation || "",
      tags: (data.tags || []).map(Number),
      shared_with_leadership: Boolean(data.shared_with_leadership),
      follow_ups: [],
    };
    if ((data.follow_up_what || "").trim()) {
      payload.follow_ups.push({
        what: data.follow_up_what.trim(),
        who: (data.follow_up_who || "").trim(),
        due: data.follow_up_due || null,
      });
    }
    return payload;
  }

  // the server's rule, said before the entry goes to the outbox: a time, and (for a held
  // activity) what was seen or done
  function markMissing(data) {
    form.querySelectorAll(".js-missing").forEach((el) => el.remove());
    const missing = [];
    if (!data.start_time) missing.push(["start_time", form.dataset.missingTime]);
    if (data.status === "held" && !(data.observation || "").trim()) {
      missing.push(["observation", form.dataset.missingObservation]);
    }
    for (const [name, message] of missing) {
      const input = field(name);
      input.classList.add("is-invalid");
      const note = document.createElement("div");
      note.className = "invalid-feedback d-block js-missing";
      note.id = name + "-missing";
      note.textContent = message;
      input.setAttribute("aria-describedby", note.id);
      input.insertAdjacentElement("afterend", note);
      input.addEventListener("input", () => {
        input.classList.remove("is-invalid");
        note.remove();
      }, { once: true });
    }
    if (missing.length) field(missing[0][0]).focus();
    return missing.length > 0;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (locked) return;
    const data = readForm();
    if (!data.school) {
      school.focus();
      school.classList.add("is-invalid");
      return;
    }
    if (markMissing(data)) return;
    await outbox.add(data.client_uuid, payloadOf(data));
    // a fresh entry: new UUID, keep school and date (the next entry is often at the same school)
    const keep = { school: data.school, date: data.date };
    form.reset();
    writeForm(Object.assign(keep, { client_uuid: newUuid(), school_class: "" }));
    try { localStorage.removeItem(DRAFT_KEY); } catch (error) { /* ignore */ }
    const saved = $("outbox-saved");
    if (saved) {
      saved.textContent = form.dataset.savedText || "";
      show(saved, true);
    }
    window.scrollTo(0, 0);
    flush();
  });
  const clear = $("draft-clear");
  if (clear) {
    clear.addEventListener("click", () => {
      const keep = { school: school.value, date: field("date").value };
      form.reset();
      writeForm(Object.assign(keep, { client_uuid: newUuid(), school_class: "" }));
      try { localStorage.removeItem(DRAFT_KEY); } catch (error) { /* ignore */ }
    });
  }

  window.addEventListener("online", flush);
  // back on this tab after logging in again in another (the «Log ind igen» link opens one):
  // send what waits at once instead of at the next 30-second round
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && navigator.onLine) flush();
  });
  window.addEventListener("focus", () => { if (navigator.onLine) flush(); });
  window.addEventListener("offline", onlineBadges);
  setInterval(() => { if (navigator.onLine) flush(); }, 30000);
  outbox.notify();
  flush();
})();
