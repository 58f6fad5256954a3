/**
 * The registry is built from the tables: every row reachable by name and opcode, FM-API flag for
 * command sets 51h-56h, return codes 00h-20h complete and reversible.
 */
import { describe, expect, it } from 'vitest';
import { cxlCommands } from '../../../spec-tables/cxl/index.js';
import { returnCodes } from '../../../spec-tables/cxl/return-codes.js';
import {
  commandEntry,
  commandNameOf,
  commands,
  commandsByOpcode,
  isFmApiOpcode,
  isVendorOpcode,
  returnCodeInfo,
  returnCodesByName,
  returnCodeValue,
} from '../../../src/protocol/cxl/registry.js';

describe('command registry', () => {
  it('has every table row, by name and by opcode', () => {
    expect(commands.size).toBe(cxlCommands.length);
    for (const def of cxlCommands) {
      const e = commandEntry(def.name);
      expect(e.def).toBe(def);
      expect(e.opcode).toBe(def.opcode);
      expect(e.commandSet).toBe(def.opcode >> 8);
      expect(e.command).toBe(def.opcode & 0xff);
      expect(commandsByOpcode.get(def.opcode)).toContain(e);
      expect(e.request?.def).toBe('request' in def ? def.request : undefined);
      expect(e.response?.def).toBe('response' in def ? def.response : undefined);
    }
  });

  it('covers the 97 libcxlmi commands', () => {
    expect(cxlCommands.length).toBe(97);
  });

  it('flags FM-API exactly for command sets 51h-56h', () => {
    for (const e of commands.values()) {
      const set = e.opcode >> 8;
      expect(e.fmApi).toBe(set >= 0x51 && set <= 0x56);
    }
    expect(isFmApiOpcode(0x5100)).toBe(true);
    expect(isFmApiOpcode(0x56ff)).toBe(true);
    expect(isFmApiOpcode(0x5000)).toBe(false);
    expect(isFmApiOpcode(0x5700)).toBe(false);
    expect([...commands.values()].some((e) => e.fmApi)).toBe(true);
  });

  it('keeps every view of a shared opcode (Get Log / Get Log CEL)', () => {
    expect(commandsByOpcode.get(0x0401)!.map((e) => e.name).sort()).toEqual(['getLog', 'getLogCel']);
    expect(commandNameOf(0x0401)).toContain('getLog');
    expect(commandNameOf(0x5300)).toBe('tunnelManagementCommand');
    expect(commandNameOf(0xc123)).toBe('vendorSpecific');
    expect(commandNameOf(0x7777)).toBe('opcode 7777h');
  });

  it('knows vendor opcodes', () => {
    expect(isVendorOpcode(0xc000)).toBe(true);
    expect(isVendorOpcode(0xffff)).toBe(true);
    expect(isVendorOpcode(0xbfff)).toBe(false);
  });
});

describe('return codes (CXL r3.1 Table 8-34)', () => {
  it('has all 33 values 00h-20h, in order, with unique camelCase names', () => {
    expect(returnCodes.map((r) => r.value)).toEqual(Array.from({ length: 33 }, (_, i) => i));
    expect(new Set(returnCodes.map((r) => r.name)).size).toBe(33);
    for (const r of returnCodes) {
      expect(r.name).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(r.description.length).toBeGreaterThan(10);
      expect(returnCodeInfo(r.value)).toBe(r);
      expect(returnCodesByName.get(r.name)).toBe(r);
      expect(returnCodeValue(r.name)).toBe(r.value);
    }
    expect(returnCodeInfo(0x01).name).toBe('backgroundCommandStarted');
    expect(returnCodeInfo(0x12).name).toBe('aborted');
    expect(returnCodeInfo(0x20).name).toBe('requestAbortNotSupported');
  });
});
