/* The statistics dashboard's charts, drawn with the app's own copy of Apache ECharts from the
   numbers the page carries (json_script "statistics-charts"); the same numbers are in each
   section's table, so the page reads without this script too. */
(function () {
  "use strict";
  var source = document.getElementById("statistics-charts");
  if (!source || typeof echarts === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var font = window.getComputedStyle(document.body).fontFamily;
  var instances = [];
  window.sahakarCharts = {};

  function narrow() { return window.innerWidth < 600; }

  function escape(text) { return echarts.format.encodeHTML(String(text)); }

  function numbers(rows, column) {
    return rows.map(function (row) { return typeof row[column] === "number" ? row[column] : null; });
  }

  function base(spec) {
    return {
      aria: { enabled: true },
      animation: false,
      textStyle: { fontFamily: font },
      tooltip: { trigger: spec.chart === "pie" || spec.chart === "map" ? "item" : "axis", confine: true },
      legend: { type: "scroll", bottom: 0, textStyle: { fontFamily: font } },
      grid: { left: 24, right: 16, top: 28, bottom: 40, containLabel: true }
    };
  }

  function valueAxes(spec) {
    var axes = [{ type: "value", name: "", splitLine: { show: true } }];
    if (spec.right.length && !spec.draw.length) { axes.push({ type: "value", splitLine: { show: false } }); }
    return axes;
  }

  function series(spec, type, columns, stacked) {
    return columns.map(function (column) {
      var onRight = spec.right.indexOf(column) >= 0;
      var item = { name: spec.columns[column], type: type, data: numbers(spec.rows, column) };
      if (type === "bar") { item.xAxisIndex = onRight ? 1 : 0; }
      if (type === "line") { item.yAxisIndex = onRight ? 1 : 0; item.smooth = false; }
      if (stacked) { item.stack = "total"; }
      return item;
    });
  }

  function range(from, to) {
    var out = []; for (var i = from; i < to; i++) { out.push(i); } return out;
  }

  function optionFor(spec) {
    var option = base(spec);
    var labels = spec.short.length ? spec.short : spec.rows.map(function (row) { return row[0]; });
    var width = spec.columns.length;
    if (spec.chart === "line") {
      option.xAxis = { type: "category", data: labels, axisLabel: { hideOverlap: true } };
      option.yAxis = valueAxes(spec);
      option.series = series(spec, "line", range(1, width), false);
    } else if (spec.chart === "bar" || spec.chart === "stacked") {
      var stacked = spec.chart === "stacked";
      // Horizontal bars: long names stay readable on a phone.
      option.yAxis = { type: "category", data: labels, inverse: true,
                       axisLabel: { width: 120, overflow: "truncate" } };
      option.xAxis = valueAxes(spec);
      option.series = series(spec, "bar", spec.draw.length ? spec.draw : range(1, stacked ? width - 1 : width), stacked);
      if (spec.short.length) {
        option.tooltip.formatter = function (items) {
          var row = spec.rows[items[0].dataIndex];
          return [escape(row[0])].concat(items.map(function (item) {
            return item.marker + escape(item.seriesName) + ": " + (item.value === null ? "–" : item.value);
          })).join("<br>");
        };
      }
    } else if (spec.chart === "pie") {
      option.series = [{
        name: spec.columns[1], type: "pie", radius: ["30%", "62%"],
        data: spec.rows.map(function (row) { return { name: row[0], value: row[1] }; }),
        label: { show: !narrow(), formatter: "{b}: {c}" }
      }];
    }
    return option;
  }

  function height(spec) {
    if (spec.chart === "bar" || spec.chart === "stacked") {
      return Math.max(220, spec.rows.length * (spec.columns.length > 3 ? 34 : 28) + 90);
    }
    return spec.chart === "map" ? 460 : 320;
  }

  function draw(element, option, key) {
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option);
    instances.push(chart);
    window.sahakarCharts[key] = chart;
    element.setAttribute("data-rendered", "true");
  }

  function drawMap(element, spec) {
    var holder = document.getElementById("statistics-map");
    var names = {};
    spec.rows.forEach(function (row, i) { names[spec.codes[i]] = row[0]; });
    fetch(holder.getAttribute("data-geojson"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        echarts.registerMap("KH", geojson);
        var values = numbers(spec.rows, 1);
        var highest = Math.max.apply(null, values.concat([1]));
        var option = base(spec);
        option.legend = undefined;
        option.tooltip.formatter = function (item) {
          return escape(names[item.name] || item.name) + ": " + (item.value === undefined || isNaN(item.value) ? "–" : item.value);
        };
        option.visualMap = { min: 0, max: highest, orient: "horizontal", left: "center", bottom: 4,
                             itemWidth: 12, itemHeight: 160, calculable: false,
                             text: [String(highest), "0"], inRange: { color: ["#eef3fa", "#1d4e89"] } };
        option.series = [{
          name: spec.columns[1], type: "map", map: "KH", nameProperty: "iso", roam: false,
          top: 8, bottom: 56, left: 8, right: 8,
          selectedMode: false,
          emphasis: { label: { show: false } },
          data: spec.rows.map(function (row, i) { return { name: spec.codes[i], value: row[1] }; })
        }];
        draw(element, option, spec.key);
      });
  }

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var spec = charts[element.getAttribute("data-chart")];
    if (!spec || !spec.rows.length) { return; }
    element.style.height = height(spec) + "px";
    if (spec.chart === "map") { drawMap(element, spec); return; }
    draw(element, optionFor(spec), spec.key);
  });

  var pending = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      instances.forEach(function (chart) { chart.resize(); });
    }, 150);
  });
})();
