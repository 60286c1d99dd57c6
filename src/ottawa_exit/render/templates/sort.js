// Sort a table by a column when its header button is pressed (again: the other way). Cells sort by data-sort.
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (head, column) {
    var button = head.querySelector("button");
    if (!button) { return; }
    button.addEventListener("click", function () {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      function key(row) { var cell = row.cells[column]; return cell.getAttribute("data-sort") || cell.textContent; }
      rows.sort(function (a, b) {
        var order = key(a).localeCompare(key(b), "en", { sensitivity: "base" }) || a.dataset.order - b.dataset.order;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
