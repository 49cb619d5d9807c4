import { SimClock } from '../clock';
import { Store } from '../model/store';
import { Rng } from '../rng';

/** What every part of the simulation shares: time, randomness and state. */
export interface SimCore {
  clock: SimClock;
  rng: Rng;
  store: Store;
}
