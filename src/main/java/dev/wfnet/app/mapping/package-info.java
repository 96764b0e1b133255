/** The Class-filter mapping view: class similarity, each class's filters, shared versus exclusive filters. */
package dev.wfnet.app.mapping;
