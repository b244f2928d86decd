import { defineCheck } from '@annexa/core';
import { configRecorders } from '../../collectors/config-recorders.js';
import { judgeEach } from '../results.js';

export const awsConfigRecorderEnabled = defineCheck({
  id: 'aws_config_recorder_enabled',
  title: 'AWS Config records configuration changes in every region in scope',
  severity: 'medium',
  controls: [
    {
      id: '8.9',
      relation: 'supports',
      rationale: 'Configurations of resources are recorded and their changes tracked.',
    },
    { id: '8.16', relation: 'supports', rationale: 'Configuration changes can be monitored.' },
  ],
  permissions: ['config:DescribeConfigurationRecorderStatus'],
  inputs: { config: configRecorders },
  evaluate({ config }) {
    return judgeEach(config.record.data.regions, ({ recorders }, resource) => {
      if (recorders.some((recorder) => recorder.recording))
        return { resource, status: 'pass', message: `AWS Config is recording in ${resource}.` };
      return {
        resource,
        status: 'fail',
        message: `AWS Config is not recording in ${resource}${recorders.length ? ' (the recorder is stopped)' : ' (no recorder)'}. Fix: AWS Config → Set up (or StartConfigurationRecorder), or leave the region out of scope if it is unused.`,
      };
    });
  },
});
