// My record: the signed-in learner's own record, with the download of everything the LRS holds about them.
import { emptyState } from '../ui.js';
import { renderRecord } from './learner-record.js';

export default {
  id: 'me',
  title: 'My learning record',
  nav: 'My record',
  lede: 'Everything you learnt here, formal and social, and a copy to take with you.',
  roles: ['learner'],
  topicMode: 'optional',

  async render({ params, topics, user }) {
    if (!user.agent) {
      return [emptyState({ title: 'Your account has no learner identity', message: 'Your account is not linked to an xAPI agent (an email or account the courses record), so there is no record to show.', hint: 'Ask an administrator to link your account to the email your courses use.' })];
    }
    return renderRecord({ agent: user.agent, params, topics, own: true });
  },
};
