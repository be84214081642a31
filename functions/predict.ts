/**
 * `predict`: scores applicant records with the default (champion) model in scorefn's JSON, and any
 * served model through KServe's V1 and the Open Inference Protocol (V2) REST APIs.
 */
import * as ff from '@google-cloud/functions-framework';
import { withCommonRoutes } from './lib/common-routes.js';
import { httpHandler, type FunctionDefinition } from './lib/function.js';
import { sharedServices } from './lib/services.js';
import { kserveV1Routes } from './protocols/kserve-v1.js';
import { nativeRoutes } from './protocols/native.js';
import { oipV2Routes } from './protocols/oip-v2.js';

export const predictFunction: FunctionDefinition = {
  name: 'predict',
  routes: withCommonRoutes([...nativeRoutes, ...kserveV1Routes, ...oipV2Routes]),
};

ff.http('predict', httpHandler(predictFunction, await sharedServices()));
