// claimcheck serve: the page's behaviour. Article text only ever goes into form fields and request
// bodies; the result is the server-rendered, escaped report fragment (claimcheck.report.html).
(function () {
  "use strict";
  var $ = function (id) { return document.getElementById(id); };
  var body = document.body;
  var needsToken = body.getAttribute("data-auth") === "1";
  var maxChars = Number(body.getAttribute("data-max-chars")) || 0;
  var TOKEN_KEY = "claimcheck-token";
  var chosenFile = null;
  var currentJob = null;
  var running = false;

  function token() { return ($("token").value || "").trim(); }
  function authHeaders(extra) {
    var h = extra || {};
    if (token()) h["Authorization"] = "Bearer " + token();
    return h;
  }

  function ApiError(message, status) { this.message = message; this.status = status; }

  function api(path, options) {
    options = options || {};
    options.headers = authHeaders(options.headers);
    return fetch(path, options).catch(function () {
      throw new ApiError("cannot reach the claimcheck server (is it still running?)", 0);
    }).then(function (resp) {
      var type = resp.headers.get("content-type") || "";
      if (resp.ok) return options.raw || type.indexOf("application/json") !== 0 ? resp.blob() : resp.json();
      return resp.json().catch(function () { return {}; }).then(function (data) {
        if (resp.status === 401) showTokenField();
        throw new ApiError(data.error || ("the server answered " + resp.status), resp.status);
      });
    });
  }

  function showError(message) {
    var box = $("error");
    box.textContent = "claimcheck: error: " + message;
    box.hidden = false;
  }
  function clearError() { $("error").hidden = true; $("error").textContent = ""; }

  function showTokenField() {
    $("token-field").hidden = false;
    if (!token()) $("token").focus();
  }

  function setStatus(text, done, total) {
    $("status").hidden = false;
    $("status-text").textContent = text;
    var bar = $("progress");
    bar.hidden = !total;
    bar.max = total || 1;
    bar.value = done || 0;
  }

  // ------------------------------------------------------------ corpora and server info
  function loadCorpora() {
    return api("/api/corpora").then(function (data) {
      var select = $("corpus");
      select.replaceChildren();
      data.corpora.forEach(function (c) {
        var opt = document.createElement("option");
        opt.value = c.name;
        opt.textContent = c.name + (c.passages !== undefined ? " (" + c.passages + " passages)" : "");
        if (c.default) opt.selected = true;
        select.appendChild(opt);
      });
      return api("/api/health");
    }).then(function (h) {
      $("server-info").textContent = "profile " + h.profile + " \u00b7 " + h.device +
        " \u00b7 verifier " + (h.models.verifier || "?");
    }).catch(function (e) {
      if (e.status === 401) setStatus("Enter the access token, then check an article.", 0, 0);
      else showError(e.message);
    });
  }

  // ------------------------------------------------------------ input: text or a file
  function updateCount() {
    var n = $("article").value.length;
    var over = maxChars && n > maxChars;
    $("char-count").textContent = chosenFile ? "" : n.toLocaleString() + " / " + maxChars.toLocaleString() + " characters";
    $("char-count").classList.toggle("app-over", !!over);
  }
  function chooseFile(file) {
    chosenFile = file || null;
    $("file-chosen").textContent = chosenFile ? "Will check the file " + chosenFile.name +
      " (" + Math.max(1, Math.round(chosenFile.size / 1024)) + " KB) instead of the text box." : "";
    $("file-clear").hidden = !chosenFile;
    if (!chosenFile) $("file").value = "";
    updateCount();
  }

  function requestBody() {
    var title = $("title").value.trim();
    var corpus = $("corpus").value;
    if (chosenFile) {
      var form = new FormData();
      form.append("file", chosenFile, chosenFile.name);
      if (title) form.append("title", title);
      if (corpus) form.append("corpus", corpus);
      return { body: form, headers: {} };
    }
    var payload = { text: $("article").value, name: "pasted" };  // the article id in the report
    if (title) payload.title = title;
    if (corpus) payload.corpus = corpus;
    return { body: JSON.stringify(payload), headers: { "Content-Type": "application/json" } };
  }

  // ------------------------------------------------------------ a check: start, poll, show
  function submit(event) {
    if (event) event.preventDefault();
    if (running) return;
    clearError();
    if (!chosenFile && !$("article").value.trim()) {
      showError("article text: is empty");
      $("article").focus();
      return;
    }
    if (token()) sessionStorage.setItem(TOKEN_KEY, token());
    running = true;
    $("check-button").disabled = true;
    $("downloads").hidden = true;
    setStatus("Sending the article\u2026", 0, 6);
    var req = requestBody();
    api("/api/jobs", { method: "POST", body: req.body, headers: req.headers })
      .then(function (job) { currentJob = job.id; return poll(job.id); })
      .then(showResult)
      .catch(function (e) { $("status").hidden = true; showError(e.message); })
      .then(function () { running = false; $("check-button").disabled = false; });
  }

  function poll(id) {
    return new Promise(function (resolve, reject) {
      function tick() {
        api("/api/jobs/" + encodeURIComponent(id)).then(function (job) {
          if (job.state === "done") return resolve(job);
          if (job.state === "error") return reject(new ApiError(job.error, job.status));
          var step = job.state === "running" ? " (step " + Math.min(job.done + 1, job.total) + " of " + job.total + ")" : "";
          setStatus(job.stage_label + step + "\u2026 " + Math.round(job.elapsed) + " s", job.done, job.total);
          setTimeout(tick, 400);
        }).catch(reject);
      }
      tick();
    });
  }

  function showResult(job) {
    var r = job.risk;
    var result = $("result");
    result.innerHTML = job.fragment;  // rendered and escaped by the server (render_html_fragment)
    var possible = result.querySelectorAll(".cc-claims .cc-claim.cc-v-possible_conflict").length;
    setStatus("Done in " + job.elapsed.toFixed(1) + " s: " + r.n_contradicted + " contradicted, " +
      (possible ? possible + " possible conflict" + (possible > 1 ? "s" : "") + ", " : "") +
      r.n_not_enough_info + " not enough info, " + r.n_supported + " supported" +
      (r.needs_review ? " \u2014 needs review." : "."), 1, 1);
    if (window.claimcheckReport) window.claimcheckReport(result);
    if (window.claimcheckFeedback) window.claimcheckFeedback(result, job, api);  // feedback.js
    result.setAttribute("data-article", job.article.id || "article");
    $("downloads").hidden = false;
    $("input-panel").open = false;
    result.focus({ preventScroll: true });
    $("status").scrollIntoView({ block: "start" });
  }

  function download(kind) {
    if (!currentJob) return;
    clearError();
    api("/api/jobs/" + encodeURIComponent(currentJob) + "/report." + kind, { raw: true }).then(function (blob) {
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = ($("result").getAttribute("data-article") || "article") + ".claimcheck." + kind;
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    }).catch(function (e) { showError(e.message); });
  }

  // ------------------------------------------------------------ wiring
  $("token").value = sessionStorage.getItem(TOKEN_KEY) || "";
  if (needsToken) $("token-field").hidden = false;
  $("token").addEventListener("change", function () {
    sessionStorage.setItem(TOKEN_KEY, token());
    clearError();
    loadCorpora();
  });
  $("check-form").addEventListener("submit", submit);
  $("article").addEventListener("input", updateCount);
  $("article").addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) submit(e);
  });
  $("file").addEventListener("change", function () { chooseFile($("file").files[0]); });
  $("file-clear").addEventListener("click", function () { chooseFile(null); $("file").focus(); });
  var drop = $("article");
  drop.addEventListener("dragover", function (e) { e.preventDefault(); drop.classList.add("app-drop"); });
  drop.addEventListener("dragleave", function () { drop.classList.remove("app-drop"); });
  drop.addEventListener("drop", function (e) {
    drop.classList.remove("app-drop");
    if (e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files.length) {
      e.preventDefault();
      chooseFile(e.dataTransfer.files[0]);
    }
  });
  $("dl-json").addEventListener("click", function () { download("json"); });
  $("dl-html").addEventListener("click", function () { download("html"); });
  $("new-check").addEventListener("click", function () {
    $("input-panel").open = true;
    $("article").focus();
  });
  updateCount();
  loadCorpora();
})();
