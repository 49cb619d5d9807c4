import { PipelineStageView } from '@liftoff/plugin-aws-cicd-common';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { awsCicdApiRef } from '../../api';
import { useDeliveryContext } from '../../hooks';
import { shortId } from '../../lib/format';
import { ActionButton } from '../ActionButton';

/** Retry a failed stage of the latest execution. */
export function RetryStageButton(props: {
  pipelineName: string;
  stage: PipelineStageView;
}) {
  const api = useApi(awsCicdApiRef);
  const { entityRef } = useDeliveryContext();
  const { stage } = props;
  const retry = (retryMode: 'FAILED_ACTIONS' | 'ALL_ACTIONS') => async () => {
    await api.retryStage(entityRef, props.pipelineName, stage.name, {
      pipelineExecutionId: stage.pipelineExecutionId ?? '',
      retryMode,
    });
    return `Retrying ${stage.name} (${
      retryMode === 'FAILED_ACTIONS' ? 'failed actions' : 'all actions'
    }).`;
  };
  return (
    <ActionButton
      label="Retry stage"
      title={`Retry the ${stage.name} stage?`}
      choices={[
        { label: 'Retry all actions', run: retry('ALL_ACTIONS') },
        { label: 'Retry failed actions', run: retry('FAILED_ACTIONS') },
      ]}
    >
      <Typography variant="body2">
        Runs the {stage.name} stage of execution{' '}
        <code>{shortId(stage.pipelineExecutionId)}</code> again, with the same
        source revision. Retry only the failed actions, or every action of the
        stage.
      </Typography>
    </ActionButton>
  );
}
