// The query page: YASGUI on this server's endpoint only, with the example queries as buttons.
(function () {
  "use strict";
  var endpoint = window.RESOGRAPH_ENDPOINT;
  var examples = JSON.parse(document.getElementById("example-queries").textContent);
  var defaultQuery = examples.length ? examples[0].query :
    "SELECT ?graph (COUNT(*) AS ?triples)\nWHERE { GRAPH ?graph { ?s ?p ?o } }\nGROUP BY ?graph\nORDER BY DESC(?triples)\nLIMIT 20";

  // Never contact another host: drop the autocompleters that call Linked Open Vocabularies.
  Yasgui.Yasqe.defaults.autocompleters = Yasgui.Yasqe.defaults.autocompleters.filter(function (name) {
    return name !== "property" && name !== "class";
  });
  Yasgui.Yasqe.defaults.value = defaultQuery;

  var yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: false,
    persistenceId: null,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    yasr: { defaultPlugin: "table" }
  });

  document.querySelectorAll("button.example").forEach(function (button) {
    button.addEventListener("click", function () {
      var example = examples.find(function (e) { return e.name === button.dataset.name; });
      var tab = yasgui.getTab();
      tab.setQuery(example.query);
      tab.query();
    });
  });
  // A link such as /?query=... opens that query and runs it.
  var linked = new URLSearchParams(window.location.search).get("query");
  if (linked) {
    yasgui.getTab().setQuery(linked);
    yasgui.getTab().query();
  }
  window.resographYasgui = yasgui;
})();
