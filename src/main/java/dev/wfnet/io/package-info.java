/**
 * Files and formats shared by every layer: atomic writes, hashing, the safetensors container,
 * JSON, and the provenance record every artifact carries. Depends on nothing else of the project.
 */
package dev.wfnet.io;
