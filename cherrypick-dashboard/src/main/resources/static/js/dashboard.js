// pushtrain dashboard: the presence countdown and the history graphs. Hand-written, no build step.
(function () {
  "use strict";

  function words(seconds) {
    if (seconds <= 0) return "deadline passed";
    var m = Math.floor(seconds / 60), s = seconds % 60;
    return (m > 0 ? m + " min " : "") + s + " s left";
  }

  // Re-reads the elements every tick, so fragments swapped in by server-sent events count down too.
  function tick() {
    document.querySelectorAll("[data-countdown]").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("data-countdown")) - Date.now()) / 1000);
      el.textContent = "· " + words(left);
      el.classList.toggle("late", left < 60);
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
  document.addEventListener("htmx:afterSwap", tick);

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function chart(target, title, data, series, bars) {
    if (!target || !window.uPlot) return;
    var width = target.clientWidth || 500;
    var opts = {
      width: width, height: 220, title: "",
      scales: {
        // The whole period asked for, not just the days that had pushes; counts start at zero.
        x: { time: true, range: function () { return [data.from - 43200, data.to + 43200]; } },
        y: { range: function (u, min, max) { return [0, Math.max(1, Math.ceil(max * 1.1))]; } }
      },
      axes: [{ stroke: css("--muted") }, { stroke: css("--muted"), grid: { stroke: css("--line") } }],
      series: [{}].concat(series.map(function (s) {
        var one = { label: s.label, stroke: s.color, width: 2, fill: bars ? s.color + "cc" : s.color + "22",
          points: { show: !bars, size: 5 } };
        if (bars) one.paths = uPlot.paths.bars({ size: [0.7, 40] });
        return one;
      }))
    };
    return new uPlot(opts, [data.days].concat(series.map(function (s) { return data[s.key]; })), target);
  }

  function stack(data, keys) {
    // uPlot draws bars over each other: give each series the running sum so the bars read as a stack.
    var out = {}, run = data.days.map(function () { return 0; });
    keys.forEach(function (k) {
      run = run.map(function (v, i) { return v + (data[k][i] || 0); });
      // A day without picks has no bar at all, rather than a hairline at zero.
      out[k] = run.map(function (v) { return v === 0 ? null : v; });
    });
    return out;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var source = document.getElementById("history-data");
    if (!source) return;
    var data = JSON.parse(source.textContent);
    if (!data.days.length) return;
    var keys = ["merged", "deferred", "conflicted", "failed"];
    var stacked = stack(data, keys);
    var colors = { merged: css("--ok"), deferred: css("--warn"), conflicted: css("--bad"), failed: css("--fail") };
    var series = keys.slice().reverse().map(function (k) { return { key: k, label: k, color: colors[k] }; });
    var stackedData = Object.assign({ from: data.from, to: data.to, days: data.days }, stacked);
    chart(document.getElementById("chart-picks"), "Picks per day", stackedData, series, true);
    chart(document.getElementById("chart-duration"), "Median duration", data,
      [{ key: "medianMinutes", label: "median minutes", color: css("--accent") }], false);
  });
})();

// The header of Today's push sits outside the live panel: follow the panel's status after each refresh.
(function () {
  document.addEventListener("htmx:afterSwap", function (event) {
    var status = event.target.querySelector && event.target.querySelector(".live-status");
    if (!status) {
      return;
    }
    var count = document.getElementById("queued-count");
    if (count) {
      count.textContent = status.dataset.queued;
    }
    var button = document.getElementById("start-push");
    if (button) {
      var running = status.dataset.running === "true";
      button.disabled = running;
      button.title = running ? "A push is running" : "Merge, build and ship the approved picks";
    }
  });
})();
