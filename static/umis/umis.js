// Marks the page as scripted before it paints, so that the CSS can keep the menu open
// for readers without JavaScript and hand it to the USWDS menu button for the rest.
document.documentElement.classList.add("umis-js");
