// The trivial function every thread benchmark calls in a worker: the cost measured is the call,
// not the work.

export function trivial(x) {
  return x + 1;
}

export default trivial;
