/**
 * Named, typed settings with a default, an allowed range and a description: the one definition of
 * a run's settings that the command line (one option each), the window (one field each), saved
 * metadata (one text entry each) and validation messages are all derived from. Depends on nothing
 * else of the project.
 */
package dev.wfnet.settings;
