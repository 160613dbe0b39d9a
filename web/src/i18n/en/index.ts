// English texts: every namespace and key of the Chinese ones (the type checks it).
import type { Catalog } from '../texts';
import common from './common';
import desk from './desk';
import arrivals from './arrivals';
import observation from './observation';
import care from './care';
import sites from './sites';
import assistance from './assistance';
import dashboard from './dashboard';
import admin from './admin';
import persons from './persons';
import cases from './cases';

const en: Catalog = { common, desk, arrivals, observation, care, sites, assistance, dashboard, admin, persons, cases };

export default en;
