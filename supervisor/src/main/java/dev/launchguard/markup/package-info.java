/**
 * The one HTML/XML escaper, for the status page, the SVG charts and the Markdown tables. Imports
 * nothing of launchguard's.
 */
package dev.launchguard.markup;
