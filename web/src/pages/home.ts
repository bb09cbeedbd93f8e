// Each role's home: what that role needs next.

import { has as hasOp } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { heading } from '../ui';
import type { Account } from '../types';
import { workerHome } from './home_worker';
import { officerHome } from './home_officer';
import { partyHome } from './home_party';
import { embassyHome } from './home_embassy';
import { adminHome, quietHome } from './home_other';
import { borderHome } from './border';
import { caseworkHome, hotlineHome, supervisorHome } from './cases_homes';
import { centreHome } from './training_centre';
import { seesStatistics } from './nav';
import { renderStatistics } from './statistics';

export async function renderHome(account: Account): Promise<HTMLElement> {
  switch (account.role) {
    case 'worker': return workerHome(account);
    case 'origin_officer':
    case 'destination_officer': return officerHome(account);
    case 'employer':
    case 'agency': return partyHome(account);
    case 'embassy': return embassyHome(account);
    case 'border_officer': return borderHome(account);
    case 'administrator': return adminHome(account);
    case 'investigator':
      // An investigator works the cases assigned to them (docs/formats/cases.md section 6).
      return hasOp('GET', '/api/v1/cases') ? caseworkHome(account) : quietHome(account);
    case 'caseworker': return caseworkHome(account);
    case 'case_supervisor': return supervisorHome(account);
    case 'hotline_operator': return hotlineHome(account);
    case 'analyst':
      // An analyst reads released statistics, never a person's record (docs/statistics.md).
      return seesStatistics(account) ? renderStatistics(account) : quietHome(account);
    case 'orientation_centre': return centreHome(account);
  }
  return h('div', null, heading(t('home.title')));
}
