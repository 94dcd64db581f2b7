// Types for size-limits.js, which eslint.config.js loads as plain JavaScript and the size-limits test imports.
import type { Linter } from 'eslint';

export declare const MAX_FILE_LINES: number;
export declare const MAX_FUNCTION_LINES: number;
export declare const MAX_COMPONENT_LINES: number;
export declare const sizeLimits: Linter.Config[];
