/** The package version, in its own module so commands can report it without importing program.ts (no cycle). */
export const VERSION = '0.1.0';
