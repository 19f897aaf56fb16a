// claimcheck serve: an editor's decision on each claim card ("right", or "wrong" with the right verdict, the
// deciding passage and a note), stored by POST /api/feedback and undone by DELETE /api/feedback/{id}.
// Every piece of text goes into the page through textContent or option values, never as markup.
(function () {
  "use strict";
  var LABELS = { supported: "supported", contradicted: "contradicted", not_enough_info: "not enough info" };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function button(cls, text) {
    var b = el("button", "app-link " + cls, text);
    b.type = "button";
    return b;
  }
  function option(value, text) {
    var o = el("option", "", text);
    o.value = value;
    return o;
  }

  function controls(target, jobId, api) {
    var box = el("div", "app-fb");
    box.setAttribute("data-claim-index", String(target.index));
    var ask = el("div", "app-fb-ask");
    ask.appendChild(el("span", "app-fb-q", "Is this verdict right?"));
    var right = button("app-fb-right", "Right");
    var wrong = button("app-fb-wrong", "Wrong\u2026");
    ask.appendChild(right);
    ask.appendChild(wrong);

    var form = el("div", "app-fb-form");
    form.hidden = true;
    var verdict = el("select", "app-fb-verdict");
    verdict.setAttribute("aria-label", "The right verdict");
    Object.keys(LABELS).forEach(function (v) {
      if (v !== target.verdict) verdict.appendChild(option(v, "\u2192 " + LABELS[v]));
    });
    var passage = el("select", "app-fb-passage");
    passage.setAttribute("aria-label", "The passage that decides it");
    passage.appendChild(option("", "deciding passage: not chosen"));
    target.evidence.forEach(function (ev, i) {
      passage.appendChild(option(ev.passage_id, "evidence " + (i + 1) + ": " + ev.passage_id));
    });
    passage.appendChild(option("none", "none of these passages"));
    var note = el("input", "app-fb-note");
    note.type = "text";
    note.maxLength = 2000;
    note.placeholder = "note (optional)";
    note.setAttribute("aria-label", "Note");
    var save = button("app-fb-save", "Save");
    var cancel = button("app-fb-cancel", "Cancel");
    [verdict, passage, note, save, cancel].forEach(function (n) { form.appendChild(n); });

    var done = el("div", "app-fb-done");
    done.hidden = true;
    var status = el("span", "app-fb-status");
    status.setAttribute("role", "status");
    var undo = button("app-fb-undo", "Undo");
    done.appendChild(status);
    done.appendChild(undo);
    var error = el("div", "app-fb-error");
    error.hidden = true;
    [ask, form, done, error].forEach(function (n) { box.appendChild(n); });

    var stored = null;
    function show(which) {
      ask.hidden = which !== "ask";
      form.hidden = which !== "form";
      done.hidden = which !== "done";
    }
    function fail(e) {
      error.textContent = "Not saved: " + (e && e.message ? e.message : "the server did not answer");
      error.hidden = false;
    }
    function send(payload) {
      error.hidden = true;
      payload.job = jobId;
      payload.claim_index = target.index;
      return api("/api/feedback", { method: "POST", body: JSON.stringify(payload),
                                    headers: { "Content-Type": "application/json" } })
        .then(function (r) {
          stored = r.id;
          status.textContent = "Saved: " + r.change.replace(/_/g, " ") + ". ";
          show("done");
        }).catch(fail);
    }
    right.addEventListener("click", function () { send({ decision: "right" }); });
    wrong.addEventListener("click", function () { show("form"); verdict.focus(); });
    cancel.addEventListener("click", function () { show("ask"); });
    save.addEventListener("click", function () {
      var p = { decision: "wrong", verdict: verdict.value };
      if (passage.value) p.passage = passage.value;
      if (note.value.trim()) p.note = note.value.trim();
      send(p);
    });
    undo.addEventListener("click", function () {
      if (stored === null) return;
      api("/api/feedback/" + encodeURIComponent(stored), { method: "DELETE" }).then(function () {
        stored = null;
        show("ask");
      }).catch(fail);
    });
    return box;
  }

  // result: the element holding the report fragment; job: GET /api/jobs/{id} (its "feedback" lists the claim
  // cards that take a decision); api: app.js's fetch wrapper (token header, errors as messages).
  window.claimcheckFeedback = function (result, job, api) {
    if (!job || !job.feedback) return;
    job.feedback.forEach(function (target) {
      var card = result.querySelector("#cc-claim-" + target.index);
      if (card && !card.querySelector(".app-fb")) card.appendChild(controls(target, job.id, api));
    });
  };
})();
