// State names and codes as supervisord numbers them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ProcessStates, STOPPED_STATES, stateCode, stateName, type ProcessStateName } from '../../../src/core/states';

test('stateName reverses stateCode; an unknown code has no name', () => {
  for (const name of Object.keys(ProcessStates) as ProcessStateName[]) assert.equal(stateName(stateCode(name)), name);
  assert.equal(stateName(5), undefined);
  assert.deepEqual([...STOPPED_STATES].map(stateCode), [0, 100, 200, 1000]);
});
