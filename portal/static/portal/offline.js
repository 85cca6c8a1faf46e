/* Registers the service worker (/sw.js) and, on a page it answered from its kept copies,
   shows "Offline copy from <date>". Reading never needs this script. */
(function () {
  "use strict";
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js").catch(function () {});
  }
  var kept = document.querySelector('meta[name="offline-copy"]');
  var notice = document.getElementById("offline-notice");
  if (!kept || !notice) return;
  var date = new Date(kept.content);
  var shown = isNaN(date.getTime())
    ? ""
    : new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: "long" }).format(date);
  notice.textContent = notice.getAttribute("data-text").replace("%(date)s", shown);
  notice.hidden = false;
})();
