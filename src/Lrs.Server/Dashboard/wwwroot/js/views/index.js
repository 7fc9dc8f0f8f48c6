// Every view, in navigation order, with the roles that may open it (the server enforces the same on its API). A
// learner's own record comes first: it is their home.
import overview from './overview.js';
import handoff from './handoff.js';
import questions from './questions.js';
import helpers from './helpers.js';
import network from './network.js';
import learner from './learner.js';
import me from './me.js';
import health from './health.js';
import users from './users.js';

export const views = [me, overview, handoff, questions, helpers, network, learner, health, users];
