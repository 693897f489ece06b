import type { Command } from 'commander';

export function registerServeCommand(_program: Command): void {}
