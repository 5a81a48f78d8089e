// LifeGraph's GraphiQL start-up. A file of its own, so the page's CSP allows scripts
// from 'self' only; its settings come from the page's JSON data block.
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("graphiql-settings").textContent);
  // GraphiQL's dialogs add a <style> element (scroll lock); it takes this nonce, which
  // the page's CSP allows, as webpack-built code does.
  window.__webpack_nonce__ = settings.styleNonce;
  var url = window.location.pathname;
  // The router's own graphql-transport-ws endpoint on the same path.
  var scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  var subscriptionUrl = scheme + "//" + window.location.host + url;
  // GraphiQL opens one socket per subscription run and sends the Headers tab's headers
  // (so its `Authorization`) as connectionParams, where the router reads the token.
  var fetcher = GraphiQL.createFetcher({ url: url, subscriptionUrl: subscriptionUrl });
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: settings.defaultQuery,
      // Off by default in GraphiQL: keep the Authorization header across reloads.
      shouldPersistHeaders: true,
      // The Headers tab open: where the first-run example says to put the token.
      defaultEditorToolsVisibility: "headers",
    })
  );
})();
