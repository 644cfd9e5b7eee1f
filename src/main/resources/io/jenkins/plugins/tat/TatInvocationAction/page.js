// The invocation page's filter by status: shows only the tasks whose status was chosen.
Behaviour.specify("select.tat-status-filter", "tat-status-filter", 0, function (select) {
  select.addEventListener("change", function () {
    var wanted = select.value;
    document.querySelectorAll("table.tat-tasks tr.tat-task").forEach(function (row) {
      row.style.display = !wanted || row.getAttribute("data-status") === wanted ? "" : "none";
    });
  });
});
