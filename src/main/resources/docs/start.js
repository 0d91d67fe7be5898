// In a file of its own, not inline: the page's Content-Security-Policy allows scripts from this origin only.
window.ui = SwaggerUIBundle({
  url: "openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true
});
