import { InputError } from '../errors/errors.js';

/** Runs a parser that must reject its input and returns the InputError it threw; anything else fails the test. */
export function catchInputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}
