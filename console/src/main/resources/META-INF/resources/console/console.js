// The console's behaviour: each part starts where its page marks it (data-* attributes). Every action says what
// happened in the status line: the service's own reason when it refused.
"use strict";

const status = (text, bad) => {
  const line = document.getElementById("status");
  line.textContent = text;
  line.className = bad ? "bad" : "";
  line.hidden = false;
};

/** Shows the page anew with a message that outlives the reload (what changed, said on the changed page). */
const reloadWith = (text, bad) => {
  sessionStorage.setItem("semisup-status", JSON.stringify([text, !!bad]));
  location.reload();
};
const carried = sessionStorage.getItem("semisup-status");
if (carried) {
  sessionStorage.removeItem("semisup-status");
  status(...JSON.parse(carried));
}

/** Calls the console's API; resolves with the JSON answer, or rejects with the service's reason. */
async function call(method, path, body, type) {
  const headers = type ? { "Content-Type": type } : {};
  let response;
  try {
    response = await fetch(path, { method, body, headers, credentials: "same-origin" });
  } catch (e) {
    throw new Error("the console cannot be reached: " + e.message);
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON */ }
  if (response.status === 401) { location.href = "/console/login?then=" + encodeURIComponent(location.pathname + location.search); }
  if (!response.ok) { throw new Error((json && json.error) || ("HTTP " + response.status)); }
  return json;
}

const el = (tag, attrs, ...children) => {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
  children.forEach(c => node.append(c));
  return node;
};

const percent = x => (x * 100).toFixed(1) + "%";

/** A drop zone that also opens the file chooser on click or Enter. */
function dropZone(zone, onFiles) {
  const input = zone.querySelector("input[type=file]");
  zone.addEventListener("click", e => { if (e.target !== input) input.click(); });
  zone.addEventListener("keydown", e => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); } });
  input.addEventListener("change", () => { onFiles([...input.files]); input.value = ""; });
  zone.addEventListener("dragover", e => { e.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", e => { e.preventDefault(); zone.classList.remove("over"); onFiles([...e.dataTransfer.files]); });
}

// Datasets: create one.
document.querySelectorAll("form[data-create-dataset]").forEach(form => form.addEventListener("submit", async e => {
  e.preventDefault();
  const classes = form.classes.value.split(",").map(c => c.trim()).filter(c => c);
  try {
    const created = await call("POST", "/console/api/datasets", JSON.stringify({ name: form.name.value.trim(), classes }), "application/json");
    status("Created " + created.name + ".");
    location.href = "/console/datasets/" + created.id;
  } catch (err) { status("Not created: " + err.message, true); }
}));

// A dataset: upload images or archives, with the import report.
const ARCHIVE = /\.(zip|tar|tgz|tar\.gz|gz)$/i;
function archiveType(name) {
  if (/\.zip$/i.test(name)) return "application/zip";
  if (/\.(tgz|gz)$/i.test(name)) return "application/gzip";
  return "application/x-tar";
}
document.querySelectorAll("form[data-upload]").forEach(form => {
  const dataset = form.dataset.upload;
  const report = form.querySelector("[data-report]");
  dropZone(form.querySelector(".drop"), async files => {
    report.replaceChildren();
    const refused = [];
    let accepted = 0, duplicates = 0;
    for (const [i, file] of files.entries()) {
      status("Uploading " + (i + 1) + " of " + files.length + ": " + file.name + " …");
      try {
        if (ARCHIVE.test(file.name)) {
          const r = await call("POST", "/console/api/datasets/" + dataset + "/archive", file, archiveType(file.name));
          accepted += r.accepted; duplicates += r.duplicates;
          r.refused.forEach(f => refused.push([file.name + ": " + f.file, f.reason]));
          report.append(el("p", {}, file.name + ": " + r.entries + " entries, " + r.accepted + " accepted, "
            + r.duplicates + " duplicates, " + r.refused.length + " refused (" + r.imagesPerSecond.toFixed(0) + " images/s)."));
        } else {
          const query = new URLSearchParams({ split: form.split.value, filename: file.name });
          if (form.class.value) query.set("class", form.class.value);
          const r = await call("POST", "/console/api/datasets/" + dataset + "/images?" + query, file, file.type || "application/octet-stream");
          if (r && r.duplicate) duplicates++; else accepted++;
        }
      } catch (err) { refused.push([file.name, err.message]); }
    }
    if (refused.length) {
      const rows = refused.map(([f, why]) => el("tr", {}, el("td", {}, f), el("td", {}, why)));
      report.append(el("table", { class: "list", "data-refused": "" },
        el("thead", {}, el("tr", {}, el("th", {}, "Refused file"), el("th", {}, "Why"))), el("tbody", {}, ...rows)));
    }
    status("Done: " + accepted + " accepted, " + duplicates + " duplicates, " + refused.length + " refused.", refused.length > 0);
    if (accepted) { setTimeout(() => refreshCounts(dataset), 300); }
  });
});

async function refreshCounts(dataset) {
  const page = await fetch(location.href, { credentials: "same-origin" }).then(r => r.text());
  const fresh = new DOMParser().parseFromString(page, "text/html").querySelector("[data-counts]");
  if (fresh) document.querySelector("[data-counts]").replaceWith(fresh);
}

// Labelling: choose a tile, give a class by key or button, undo, submit in a batch.
document.querySelectorAll("form[data-label]").forEach(form => {
  const dataset = form.dataset.label;
  const classes = form.dataset.classes.split("|");
  const tiles = [...form.querySelectorAll(".tile")];
  const given = new Map(); // image id -> class, in the order given
  const submit = form.querySelector("button[type=submit]");
  let current = tiles[0];
  const focus = tile => { if (!tile) return; tiles.forEach(t => t.classList.remove("current")); tile.classList.add("current"); tile.focus(); current = tile; };
  const show = () => {
    tiles.forEach(t => {
      const c = given.get(t.dataset.image);
      t.querySelector("[data-given]").textContent = c || "";
      t.classList.toggle("done", !!c);
    });
    submit.disabled = given.size === 0;
    submit.textContent = "Submit " + given.size + " label" + (given.size === 1 ? "" : "s");
  };
  const give = (tile, c) => {
    given.delete(tile.dataset.image);
    given.set(tile.dataset.image, c);
    show();
    focus(tiles.find(t => !given.has(t.dataset.image)) || tile);
  };
  const undo = () => {
    const last = [...given.keys()].pop();
    if (!last) return;
    given.delete(last);
    show();
    focus(tiles.find(t => t.dataset.image === last));
  };
  tiles.forEach(t => {
    t.addEventListener("click", e => {
      const button = e.target.closest("button[data-class]");
      if (button) give(t, button.dataset.class); else focus(t);
    });
  });
  document.addEventListener("keydown", e => {
    if (e.target.matches("input, select, textarea")) return;
    if (/^[0-9]$/.test(e.key)) {
      const index = e.key === "0" ? 9 : Number(e.key) - 1;
      if (index < classes.length && current) { e.preventDefault(); give(current, classes[index]); }
    } else if (e.key === "u" || e.key === "Backspace") { e.preventDefault(); undo(); }
  });
  form.querySelector("[data-undo]").addEventListener("click", undo);
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const labels = [...given].map(([imageId, c]) => ({ imageId, class: c }));
    submit.disabled = true;
    try {
      await call("POST", "/console/api/datasets/" + dataset + "/labels", JSON.stringify(labels), "application/json");
      const progress = document.querySelector("[data-label-progress]");
      const since = Number(progress.dataset.newLabels) + labels.length;
      progress.dataset.newLabels = since;
      progress.textContent = since + " labelled since the last version; " + (progress.dataset.retraining === "true"
        ? "retraining starts at " + progress.dataset.minNewLabels + "." : "automatic retraining is off for this dataset.");
      status(labels.length + " images labelled.");
      labels.forEach(l => tiles.find(t => t.dataset.image === l.imageId).remove());
      tiles.splice(0, tiles.length, ...form.querySelectorAll(".tile"));
      given.clear();
      show();
      focus(tiles[0]);
    } catch (err) { status("Labels not saved: " + err.message, true); submit.disabled = false; }
  });
  show();
  focus(current);
});

// Jobs: the form follows the chosen method's defaults; submitting opens the job.
document.querySelectorAll("form[data-submit-job]").forEach(form => {
  form.querySelector("[data-method]").addEventListener("change", e => {
    const query = new URLSearchParams(location.search);
    query.set("method", e.target.value);
    query.set("datasetId", form.datasetId.value);
    location.search = query;
  });
  form.addEventListener("submit", async e => {
    e.preventDefault();
    const hyperparameters = {};
    form.querySelectorAll(".row input, .row select[name=encoder]").forEach(input => {
      if (input.value === "") return;
      hyperparameters[input.name] = input.type === "number" ? Number(input.value) : input.value;
    });
    try {
      const job = await call("POST", "/console/api/jobs", JSON.stringify({ datasetId: form.datasetId.value,
        method: form.method.value, hyperparameters }), "application/json");
      status("Submitted job " + job.jobId + "; waiting for a trainer to record it …");
      // A job shows once a trainer has recorded it from the topic, within a second or so.
      for (let tries = 0; tries < 60; tries++) {
        try { await call("GET", "/console/api/jobs/" + job.jobId); break; }
        catch (err) { await new Promise(resolve => setTimeout(resolve, 500)); }
      }
      location.href = "/console/jobs/" + job.jobId;
    } catch (err) { status("Not submitted: " + err.message, true); }
  });
});

/** A line chart of one figure per epoch on a canvas. */
function drawCurve(canvas, values) {
  const g = canvas.getContext("2d"), w = canvas.width, h = canvas.height, pad = 28;
  g.clearRect(0, 0, w, h);
  g.strokeStyle = "#d8dce3"; g.strokeRect(pad, 6, w - pad - 6, h - pad - 6);
  if (!values.length) return;
  const max = Math.max(...values), min = Math.min(0, ...values), span = (max - min) || 1;
  g.fillStyle = "#5b6475"; g.font = "11px sans-serif";
  g.fillText(max.toFixed(3), 2, 14); g.fillText(min.toFixed(1), 2, h - pad);
  g.fillText("epoch " + values.length, w - 60, h - 8);
  g.strokeStyle = "#2457c5"; g.lineWidth = 2; g.beginPath();
  values.forEach((v, i) => {
    const x = pad + (values.length === 1 ? 0 : i / (values.length - 1)) * (w - pad - 8);
    const y = 6 + (1 - (v - min) / span) * (h - pad - 12);
    i ? g.lineTo(x, y) : g.moveTo(x, y);
  });
  g.stroke();
}

// A job: live progress from the trainer's events, the curves drawn as epochs end, cancel.
document.querySelectorAll("[data-job]").forEach(section => {
  const id = section.dataset.job;
  const curves = { loss: [], validationAccuracy: [] };
  JSON.parse(section.querySelector("[data-epochs]").textContent || "[]").forEach(epoch => {
    Object.keys(curves).forEach(k => { if (epoch.metrics[k] !== undefined) curves[k].push(epoch.metrics[k]); });
  });
  const redraw = () => section.querySelectorAll("canvas[data-curve]").forEach(c => drawCurve(c, curves[c.dataset.curve]));
  const figure = (name, text) => { section.querySelector("[data-figure=" + name + "]").textContent = text; };
  const progress = section.querySelector("[data-progress]");
  const show = (m, epoch, epochs) => {
    if (epoch && epochs) figure("epoch", epoch + " of " + epochs + (m.step !== undefined ? " (step " + m.step + " of " + m.steps + ")" : ""));
    if (m.loss !== undefined) figure("loss", m.loss.toFixed(4));
    if (m.validationAccuracy !== undefined) figure("validationAccuracy", percent(m.validationAccuracy));
    if (m.imagesPerSecond !== undefined) figure("imagesPerSecond", m.imagesPerSecond.toFixed(1));
    if (m.etaSeconds !== undefined) figure("eta", Math.round(m.etaSeconds) + " s");
  };
  const last = JSON.parse(section.querySelector("[data-epochs]").textContent || "[]").pop();
  if (last) show(last.metrics, last.epoch, last.epochs);
  redraw();
  const cancel = section.querySelector("[data-cancel]");
  if (cancel) cancel.addEventListener("click", async () => {
    if (!confirm("Cancel this job?")) return;
    try { await call("DELETE", "/console/api/jobs/" + id); status("Cancelling the job …"); cancel.disabled = true; }
    catch (err) { status("Not cancelled: " + err.message, true); }
  });
  if (section.dataset.finished === "true") { progress.value = 1; return; }
  const events = new EventSource("/console/api/jobs/" + id + "/events");
  events.onmessage = message => {
    const event = JSON.parse(message.data);
    const m = event.metrics || {};
    section.querySelector("[data-state]").textContent = event.state;
    section.querySelector("[data-state]").className = "state " + event.state;
    if (event.message) section.querySelector("[data-message]").textContent = event.message;
    if (event.epoch && event.totalEpochs) {
      const within = m.step !== undefined && m.steps ? m.step / m.steps : 1;
      progress.value = Math.min(1, (event.epoch - 1 + within) / event.totalEpochs);
    }
    if (m.step === undefined && event.epoch) {
      Object.keys(curves).forEach(k => { if (m[k] !== undefined) curves[k].push(m[k]); });
      redraw();
    }
    show(m, event.epoch, event.totalEpochs);
    if (["SUCCEEDED", "FAILED", "CANCELLED"].includes(event.state)) {
      events.close();
      reloadWith("The job " + event.state.toLowerCase() + (event.message ? ": " + event.message : "") + ".", event.state !== "SUCCEEDED");
    }
  };
  events.onerror = () => { if (events.readyState === EventSource.CLOSED) status("Live progress stopped; reload the page.", true); };
});

// Models: pin, unpin, try one on an image.
document.querySelectorAll("[data-pin]").forEach(button => button.addEventListener("click", async () => {
  try {
    await call("PUT", "/console/api/models/active", JSON.stringify({ modelId: button.dataset.pin }), "application/json");
    reloadWith("Pinned model " + button.dataset.pin + ": it serves until unpinned.");
  } catch (err) { status("Not pinned: " + err.message, true); }
}));
document.querySelectorAll("[data-unpin]").forEach(button => button.addEventListener("click", async () => {
  try {
    await call("DELETE", "/console/api/models/active/pin");
    reloadWith("Unpinned: the newest model serves.");
  } catch (err) { status("Not unpinned: " + err.message, true); }
}));
document.querySelectorAll("form[data-classify]").forEach(form => {
  const answer = form.querySelector("[data-answer]");
  dropZone(form.querySelector(".drop"), async files => {
    const file = files[0];
    if (!file) return;
    status("Classifying " + file.name + " …");
    try {
      const prediction = await call("POST", "/console/api/classify?k=5", file, file.type || "application/octet-stream");
      const preview = el("img", { src: URL.createObjectURL(file), alt: "the image classified: " + file.name, width: "96" });
      const list = el("ol", { "data-prediction": "" }, ...prediction.labels.map(l => el("li", {}, l.label + " " + percent(l.probability),
        el("span", { class: "barline", style: "width:" + Math.round(l.probability * 160) + "px" }))));
      answer.replaceChildren(preview, list);
      status(file.name + ": " + prediction.labels[0].label + " (" + percent(prediction.labels[0].probability) + ").");
    } catch (err) { answer.replaceChildren(); status("Not classified: " + err.message, true); }
  });
});
