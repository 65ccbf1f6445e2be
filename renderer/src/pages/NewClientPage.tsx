/**
 * The 新建客户 page ('#/clients/new'): a {@link ClientForm} for a new client. Saving opens the new client's page;
 * cancelling (button or Esc) goes back to the register.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import { ClientForm } from '../components/ClientForm';
import { navigate } from '../route';

/** Page wrapper for creating a client: title, back link and the form (no props; routed by '#/clients/new'). */
export function NewClientPage() {
  const { t } = useTranslation();
  const back = () => navigate({ name: 'clients' });
  return (
    <Box sx={{ maxWidth: 1100, mx: 'auto' }} data-testid="new-client-page">
      <Stack direction="row" sx={{ alignItems: 'baseline', mb: 1, gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1">
          {t('clientForm.page.title')}
        </Typography>
        <Button size="small" onClick={back}>
          ← {t('clientForm.page.back')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('clientForm.page.subtitle')}
      </Typography>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <ClientForm initial={null} onSaved={(client) => navigate({ name: 'client', id: client.id })} onCancel={back} />
      </Paper>
    </Box>
  );
}
