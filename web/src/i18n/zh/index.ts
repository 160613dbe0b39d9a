// Chinese texts, one namespace per feature. A new namespace is added here and in every other language's index.
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

export default { common, desk, arrivals, observation, care, sites, assistance, dashboard, admin, persons, cases };
