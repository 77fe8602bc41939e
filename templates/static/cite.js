/* "Cite this article": fills in the reader's access date (the page itself never changes from
   day to day) and copies a citation's exact text with one click, from file:// too. */
(function () {
  "use strict";

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // The old way, for browsers without the asynchronous clipboard: copy from a selected,
  // off-screen text area holding exactly the text.
  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text, done) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () { done(true); },
        function () { done(copyBySelection(text)); }
      );
    } else {
      done(copyBySelection(text));
    }
  }

  function setUp(button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(source.textContent, function (copied) {
        if (status) {
          status.textContent = copied ? "Copied." : "Could not copy: select the text and copy it.";
        }
      });
    });
  }

  var date = today();
  Array.prototype.forEach.call(document.querySelectorAll(".access-date"), function (slot) {
    slot.textContent = date;
  });
  Array.prototype.forEach.call(document.querySelectorAll("button[data-copy]"), setUp);
})();
